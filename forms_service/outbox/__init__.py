"""Messages to people who registered, sent through an outbox (after pretix).

A message is a row written in the same transaction as the change that causes it (queue.py),
composed with neutral outside words (compose.py), and sent later by `flask send-outbox`
(worker.py) through SMTP or, under `make run`, into a folder of .eml files (transport.py).
"""
