"""The login window and the window that creates the first administrator."""
