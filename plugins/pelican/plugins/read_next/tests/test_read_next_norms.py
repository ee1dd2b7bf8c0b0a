"""Row norms computed ROW_BLOCK rows at a time are the norms of the whole matrix, bit for bit."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from pelican.plugins.read_next import index


def _whole(matrix: sp.csr_matrix) -> np.ndarray:
    # The computation over the whole matrix at once (index._row_norms before it was blocked).
    squares = np.add.reduceat(np.append(matrix.data**2, 0.0), matrix.indptr[:-1])
    return np.sqrt(np.where(np.diff(matrix.indptr) > 0, squares[: matrix.shape[0]], 0.0))


def _matrix(dtype: type) -> sp.csr_matrix:
    rng = np.random.default_rng(3)
    dense = rng.random((41, 30)) * (rng.random((41, 30)) < 0.3)
    dense[[0, 5, 6, 7, 39, 40]] = 0.0  # empty rows first, inside, at block ends and last
    dense[12, :] = rng.random(30) * 1e3  # a long row (pairwise sums of more than 8 values)
    return sp.csr_matrix(dense.astype(dtype))


@pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=["float32", "float64"])
@pytest.mark.parametrize("block", [1, 2, 3, 7, 8192])
def test_blocked_norms_equal_whole_norms(
    monkeypatch: pytest.MonkeyPatch, dtype: type, block: int
) -> None:
    matrix = _matrix(dtype)
    monkeypatch.setattr(index, "ROW_BLOCK", block)
    got = index._row_norms(matrix)
    assert got.dtype == np.float64
    assert np.array_equal(got, _whole(matrix))
    assert (got[[0, 5, 40]] == 0.0).all() and (got[[1, 12]] > 0).all()
