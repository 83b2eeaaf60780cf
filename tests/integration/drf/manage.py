#!/usr/bin/env python3
"""A small Django REST Framework + SimpleJWT project the integration tests start on 127.0.0.1."""
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "keyhole_drf.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
