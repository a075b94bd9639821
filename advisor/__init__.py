"""advisor: cited answers on the Smuggling of Migrants Protocol, UNTOC and related instruments.

The packages are the flow: `corpus` (documents on disk) → `ingest` (documents → chunks) →
`index` (chunks → searchable) → `retrieval` (question → provisions, with `legal` knowledge) →
`answering` (provisions → cited, verified answer) → `api` / `cli`; `evaluation` scores it.
The types passed between stages are in `models`, the errors in `errors`, configuration in
`config`, and `pipeline.Advisor` wires the stages together once.
"""

__version__ = "0.1.0"
