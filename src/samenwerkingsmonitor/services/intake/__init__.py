"""What every reader of user files shares: raw and checked tables, columns, numbers as text."""
