namespace Wiredesk.Analysis.KnowledgeBase;

/// <summary>A character trie over folded names, walked directly on the report text so that a lookup costs
/// only the characters it reads. Built once, read-only afterwards, so concurrent reads are safe.</summary>
internal sealed class NameTrie
{
    private sealed class Node
    {
        public Dictionary<char, Node>? Children;
        public int Target = -1;
        public bool WordStart;

        // After Freeze: the children as parallel sorted arrays, cheaper to search than a dictionary.
        public char[] Keys = [];
        public Node[] Kids = [];

        public Node? Child(char c)
        {
            var keys = Keys;
            if (keys.Length <= 8)
            {
                for (var i = 0; i < keys.Length; i++)
                {
                    if (keys[i] == c)
                    {
                        return Kids[i];
                    }
                }

                return null;
            }

            var at = Array.BinarySearch(keys, c);
            return at >= 0 ? Kids[at] : null;
        }

        public void Freeze()
        {
            if (Children is null)
            {
                return;
            }

            Keys = [.. Children.Keys.Order()];
            Kids = [.. Keys.Select(k => Children[k])];
            Children = null;
            foreach (var kid in Kids)
            {
                kid.Freeze();
            }
        }
    }

    private readonly Node _root = new();
    private readonly bool[] _firstChars = new bool[128];

    /// <summary>Ends building: no names can be added afterwards, and lookups get faster.</summary>
    public void Freeze() => _root.Freeze();

    /// <summary>Adds a name; an existing name keeps its first target (earlier files win ties).</summary>
    public void Add(string name, int target)
    {
        var key = NameText.Normalize(name);
        if (key.Length == 0)
        {
            return;
        }

        if (key[0] < _firstChars.Length)
        {
            // The walk reaches a key's first character from the same letter in either case.
            _firstChars[key[0]] = true;
            _firstChars[char.ToUpperInvariant(key[0])] = true;
        }

        var node = _root;
        for (var i = 0; i < key.Length; i++)
        {
            node.Children ??= [];
            if (!node.Children.TryGetValue(key[i], out var next))
            {
                next = new Node { WordStart = i > 0 && key[i - 1] == ' ' };
                node.Children.Add(key[i], next);
            }

            node = next;
        }

        if (node.Target < 0)
        {
            node.Target = target;
        }
    }

    /// <summary>The longest name starting at <paramref name="start"/> and ending at a word boundary.
    /// Case is significant (proper nouns), with two exceptions: text in capitals matches any name
    /// ("WASHINGTON" datelines, "PRESIDENT BIDEN" transcript labels), and a later word of a name may be
    /// written in lower case ("Korean peninsula").</summary>
    public bool TryMatch(string text, int start, out int end, out int target)
    {
        end = -1;
        target = -1;
        if (start > 0 && NameText.IsWordChar(text[start - 1]))
        {
            return false;
        }

        // Most words start no name at all; a table of the first characters names can start with (in any
        // case the walk may take) rejects them without a dictionary lookup.
        var first = NameText.Fold(text[start]);
        if (first < _firstChars.Length && !_firstChars[first])
        {
            return false;
        }

        Walk(text, start, start, _root, false, ref end, ref target);
        return target >= 0;
    }

    private static void Walk(string text, int start, int pos, Node node, bool capsFolded, ref int bestEnd, ref int bestTarget)
    {
        if (node.Target >= 0 && pos > start && pos > bestEnd && (pos >= text.Length || !NameText.IsWordChar(text[pos]) || !NameText.IsWordChar(text[pos - 1])))
        {
            if (!capsFolded || IsAllCaps(text, start, pos))
            {
                bestEnd = pos;
                bestTarget = node.Target;
            }
        }

        if (node.Kids.Length == 0 || pos >= text.Length)
        {
            return;
        }

        var c = NameText.Fold(text[pos]);
        var next = pos + 1;
        if (c == ' ')
        {
            // A run of spaces in the text matches the one space of the key; line breaks end a name.
            while (next < text.Length && NameText.Fold(text[next]) == ' ')
            {
                next++;
            }
        }
        else if (c is '\n' or '\r')
        {
            return;
        }

        if (node.Child(c) is { } child)
        {
            Walk(text, start, next, child, capsFolded, ref bestEnd, ref bestTarget);
        }

        if (char.IsUpper(c))
        {
            if (node.Child(char.ToLowerInvariant(c)) is { } lower)
            {
                Walk(text, start, next, lower, true, ref bestEnd, ref bestTarget);
            }
        }
        // A child that starts a later word of the key hangs below a space, so the text must have just crossed one:
        // inside a word the lookup is skipped.
        else if (pos > start && NameText.Fold(text[pos - 1]) == ' ' && char.IsLower(c) && node.Child(char.ToUpperInvariant(c)) is { WordStart: true } upper)
        {
            Walk(text, start, next, upper, capsFolded, ref bestEnd, ref bestTarget);
        }
    }

    private static bool IsAllCaps(string text, int start, int end)
    {
        var letters = 0;
        for (var i = start; i < end; i++)
        {
            if (char.IsLower(text[i]))
            {
                return false;
            }

            if (char.IsLetter(text[i]))
            {
                letters++;
            }
        }

        return letters >= 2;
    }
}
