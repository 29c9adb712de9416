# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Harmonic DMS (Device Management System) REST API simulator (``serve.py dms``), modeled in docs/dms-api.md."""
