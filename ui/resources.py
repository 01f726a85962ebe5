"""Files under `resources/` for the UI: the core's lookup, so both find the same folder."""

from sociaalhuis.resources import resource_path, resources_root

__all__ = ["resource_path", "resources_root"]
