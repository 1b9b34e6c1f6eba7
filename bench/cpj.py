"""A CPJ export with CPJ's quirks, for timing import_cpj: the import tests' own generator, reused."""

# Arguments of import_cpj: drafts, as a researcher would first import.
IMPORT_ARGS = []


def write(path, *, rows):
    """Write a CPJ-shaped file of about ``rows`` rows to ``path``; return how many it has."""
    from cases.tests.test_import_cpj import generate

    # The generator holds each person for about 2.4 censuses.
    return generate(path, people=max(rows * 10 // 24, 10), seed=11)
