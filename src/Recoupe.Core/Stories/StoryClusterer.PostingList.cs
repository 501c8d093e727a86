namespace Recoupe.Core.Stories;

public sealed partial class StoryClusterer
{
    /// <summary>The most recent article seqs posted under one term; a ring once full.</summary>
    private sealed class PostingList
    {
        private int[] _items = new int[2];
        private int _count;
        private int _next;

        public void Add(int seq, int capacity)
        {
            if (_count < capacity)
            {
                if (_count == _items.Length) Array.Resize(ref _items, Math.Min(capacity, _items.Length * 2));
                _items[_count++] = seq;
                return;
            }
            _items[_next] = seq;
            _next = (_next + 1) % capacity;
        }

        public ReadOnlySpan<int> Items => _items.AsSpan(0, _count);

        public void Write(BinaryWriter writer)
        {
            writer.Write(_count);
            writer.Write(_next);
            for (var i = 0; i < _count; i++) writer.Write(_items[i]);
        }

        public static PostingList Read(BinaryReader reader)
        {
            var list = new PostingList { _count = reader.ReadInt32(), _next = reader.ReadInt32() };
            list._items = new int[Math.Max(2, list._count)];
            for (var i = 0; i < list._count; i++) list._items[i] = reader.ReadInt32();
            return list;
        }
    }
}
