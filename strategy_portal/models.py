"""No models: the project's migrations hold the data version only (migrations/0001_data_version.py).

This module makes Django send the project's post_migrate signal (apps.py), which it sends only to apps with one."""
