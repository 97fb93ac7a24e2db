"""Scenarios: forms of cooperation compared with each council's weights by SMAA-2
(docs/scenarios.md, docs/adr/0022-scenarios-smaa.md)."""
