"""Official status lists (KSZ/CBSS-style): read a list file, match it to persons, write
the statuses."""
