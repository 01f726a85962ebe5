"""The team lead's review across cases: non-take-up lists, follow-ups, exports, take-up."""
