"""Reading articles and writing files atomically."""
from .atomic import atomic_target, write_atomically, write_new_file
from .documents import STDIN, Document, decode, discover, read_document, relative_name

__all__ = ["STDIN", "Document", "atomic_target", "decode", "discover", "read_document", "relative_name", "write_atomically",
           "write_new_file"]
