"""Privacy duties in the desk: the household's consents, and its subject-access export."""
