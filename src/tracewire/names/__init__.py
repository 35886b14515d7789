"""Names: normalisation, transliteration, person-name parts, legal forms and variants.

The pipeline a name goes through before it is compared:
:mod:`~tracewire.names.text` (check, NFKC, casefold, transliterate to ASCII, tokenise) →
:mod:`~tracewire.names.person` / :mod:`~tracewire.names.orgtypes` (name parts, legal forms,
generic words) → :mod:`~tracewire.names.prepared` (one :class:`PreparedName` per name, with
phonetic keys and variant keys per token).
"""

from tracewire.names.prepared import PreparedName, prepare_name
from tracewire.names.text import check_name, normalize, tokenize, transliterate

__all__ = ["PreparedName", "check_name", "normalize", "prepare_name", "tokenize", "transliterate"]
