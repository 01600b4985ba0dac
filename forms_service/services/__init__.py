"""The business rules, kept out of the views (pretix style): views call these functions and
turn the exceptions they raise into pages."""
