"""Offline sites and the central database exchanging changes: outbox, bundles, merging."""
