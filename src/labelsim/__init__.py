"""labelsim."""
