"""cramptext's rule data (YAML): shipped inside the wheel as the package cramptext.data."""
