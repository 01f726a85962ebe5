"""The client search: find a household or start a new one."""
