"""Sales writes: ``orders`` (create, confirm, pick, cancel), ``shipments``, ``invoices`` (and
overdue reminders), ``payments``, ``portal`` (customer logins)."""
