# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Harmonic Electra XT simulator (``serve.py electra``): an SNMP agent (pysnmp) and the modeled HTTP interface sharing one
state, as modeled in docs/electra-model.md."""
