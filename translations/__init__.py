"""translations stage."""
