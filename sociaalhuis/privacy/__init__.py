"""Privacy duties (GDPR): consent per purpose and partner, the subject-access export,
retention and anonymisation of closed files."""
