using System.Runtime.InteropServices;
using Recoupe.App;
using Xunit.Abstractions;

namespace Recoupe.Tests.Watch;

/// <summary>
/// The C heap of a long watch: blocks the size of the clusterer's state, which SQLite copies when the state is read and
/// written at each grouping and which grow with it, are mapped on their own and given back when freed, not cut from
/// the arenas where their holes would stay.
/// </summary>
[Collection(CHeapCollection.Name)]
public sealed class NativeHeapTests(ITestOutputHelper output)
{
    [Fact]
    public void Growing_state_sized_blocks_freed_round_after_round_leave_nothing_kept_in_the_C_heap()
    {
        NativeHeap.LimitArenas(2);
        if (NativeHeap.Usage() is not { } before)
        {
            output.WriteLine("skipped: not glibc (no mallinfo2)");
            return;
        }
        // 40 groupings of a state growing as bench watch's did (1.7 KB an article, 160 articles a grouping: 0.3 to 11 MB),
        // each copied twice as SQLite does (read, then written): the second copy is the size of a block just freed.
        var leastMappedShare = double.MaxValue;
        for (var round = 1; round <= 40; round++)
        {
            var size = 1_700 * 160 * round;
            for (var copy = 0; copy < 2; copy++)
            {
                var block = Marshal.AllocHGlobal(size);
                try
                {
                    Marshal.WriteByte(block, size - 1, 1);
                    // Blocks under 1 MB stay in the arenas, as glibc keeps small blocks. Whether this block has a mapping
                    // of its own is read from its own chunk header (glibc's IS_MMAPPED bit, 0x2, in the size word just
                    // before it), not from the process-wide counters other threads move at the same time.
                    if (size >= 1024 * 1024) leastMappedShare = Math.Min(leastMappedShare, (Marshal.ReadInt64(block, -8) & 2) != 0 ? 1 : 0);
                }
                finally
                {
                    Marshal.FreeHGlobal(block);
                }
            }
        }
        var after = NativeHeap.Usage()!.Value;
        output.WriteLine($"C heap free kept {before.Free / 1048576.0:0.0} -> {after.Free / 1048576.0:0.0} MB; least share of a block mapped on its own {leastMappedShare:0.00}");
        leastMappedShare.Should().Be(1, "every state-sized block, the second copy too, had a mapping of its own");
        // Other tests allocate beside this one: a margin well under the 11 MB the last block would leave behind.
        (after.Free - before.Free).Should().BeLessThan(4L * 1024 * 1024);
    }
}

/// <summary>
/// The C heap's counters are the whole process's: the test that reads them runs alone, after the tests that may run in
/// parallel, so that no other test's frees move them meanwhile.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CHeapCollection
{
    public const string Name = "C heap";
}
