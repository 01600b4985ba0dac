"""What serving the built site needs beside it: the Content-Security-Policy (one base for the
site's header and <meta>, and the form service's header) and the nginx configuration."""
