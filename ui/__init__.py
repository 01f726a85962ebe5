"""PySide6 desktop layer of the Sociaal Huis intake desk; the core lives in `sociaalhuis`."""
