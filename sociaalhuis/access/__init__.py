"""Users, roles, permissions and the audit trail."""
