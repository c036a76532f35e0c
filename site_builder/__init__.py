"""site_builder stage."""
