"""deflection stage."""
