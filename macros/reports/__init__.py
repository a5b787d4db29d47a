"""What needs attention (alerts) and the quarterly quality reports, drawn from every area; and their views."""
