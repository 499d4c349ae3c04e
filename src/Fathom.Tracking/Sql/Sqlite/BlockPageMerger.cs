namespace Fathom.Tracking.Sql.Sqlite;

/// <summary>
/// Assembles one get-history page from a key's blocks, fed in min_step order: the first <c>pageSize + 1</c> distinct
/// points after the page token (the extra one only says that a next page exists). Blocks may overlap (a batch that
/// re-logs old steps, concurrent writers) and may repeat a point another block holds; the page is sorted and
/// de-duplicated, as MLflow's primary key would have kept it. Memory stays bounded: the buffer is cut back to the page
/// whenever it reaches twice its size (sorting only then, so overlapping blocks cost a sort per page's worth of points,
/// not per block), and feeding stops at the first block that starts after the page's last step.
/// A training loop's blocks arrive in order and never need sorting.
/// </summary>
internal sealed class BlockPageMerger(HistoryPageToken? after, int pageSize)
{
    private readonly int _need = pageSize + 1;
    private readonly BlockPoint? _after = after is { } token ? BlockPoint.From(token) : null;
    private readonly List<BlockPoint> _points = [];
    private bool _sorted = true;

    // The page's last step as of the last sort: no later block can add to the page. Points added since can only
    // lower the true bound, so an unsorted buffer is checked against it instead of being sorted for every block.
    private long _lastStepBound = long.MaxValue;

    /// <summary>Adds a block's points after the token; false when no block starting at <paramref name="minStep"/> or later can add to the page.</summary>
    public bool Add(long minStep, ReadOnlySpan<byte> blob)
    {
        if (_points.Count >= _need && minStep > (_sorted ? _points[_need - 1].Step : _lastStepBound))
        {
            return false;
        }

        var count = MetricBlock.Count(blob);
        for (var i = _after is { } a ? FirstAfter(blob, count, a) : 0; i < count; i++)
        {
            var point = MetricBlock.Read(blob, i);
            if (_points.Count > 0)
            {
                var c = point.CompareTo(_points[^1]);
                if (_sorted && c == 0)
                {
                    continue; // a repeat of the last point
                }

                if (_sorted && c > 0 && _points.Count >= _need)
                {
                    break; // past a full page's end, and so is the rest of this (sorted) block
                }

                if (_sorted && c < 0 && _points.Count >= _need)
                {
                    _lastStepBound = _points[_need - 1].Step; // the bound the sorted buffer gave, kept while unsorted
                }

                _sorted &= c > 0;
            }

            _points.Add(point);
        }

        if (_points.Count >= 2 * _need)
        {
            Normalize();
        }

        return true;
    }

    /// <summary>The page's points in order, then at most one more.</summary>
    public IReadOnlyList<BlockPoint> Finish()
    {
        Normalize();
        return _points;
    }

    private void Normalize()
    {
        if (!_sorted)
        {
            _points.Sort();
            var n = 0;
            for (var i = 0; i < _points.Count; i++)
            {
                if (n == 0 || _points[i] != _points[n - 1])
                {
                    _points[n++] = _points[i];
                }
            }

            _points.RemoveRange(n, _points.Count - n);
            _sorted = true;
        }

        if (_points.Count > _need)
        {
            _points.RemoveRange(_need, _points.Count - _need);
        }

        if (_points.Count == _need)
        {
            _lastStepBound = _points[^1].Step;
        }
    }

    /// <summary>The index of the block's first point after <paramref name="after"/> (blocks are sorted).</summary>
    private static int FirstAfter(ReadOnlySpan<byte> blob, int count, BlockPoint after)
    {
        int low = 0, high = count;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (MetricBlock.Read(blob, mid).CompareTo(after) <= 0)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }
}
