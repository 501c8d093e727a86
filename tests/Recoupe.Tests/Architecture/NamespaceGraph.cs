using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Recoupe.Tests.Architecture;

/// <summary>
/// Which of our namespaces uses which, read from the compiled assemblies (signatures, base types, attributes and every
/// type, method and field a method body touches), so a dependency hidden in a method body counts as much as one in a
/// signature. Nested and compiler-made types (lambdas, iterators) count for the namespace of the type that holds them.
/// </summary>
public sealed class NamespaceGraph
{
    private readonly string _prefix;
    private readonly SortedDictionary<string, SortedDictionary<string, string>> _edges = new(StringComparer.Ordinal);

    private NamespaceGraph(string prefix) => _prefix = prefix;

    /// <summary>Namespace → the namespaces it uses → one example of such a use ("Type uses Type").</summary>
    public IReadOnlyDictionary<string, SortedDictionary<string, string>> Edges => _edges;

    public IEnumerable<string> Namespaces => _edges.Keys.Concat(_edges.Values.SelectMany(t => t.Keys)).Distinct().Order(StringComparer.Ordinal);

    /// <summary>The graph of the namespaces starting with <paramref name="prefix"/> in the given assemblies.</summary>
    public static NamespaceGraph Read(IEnumerable<string> assemblyPaths, string prefix = "Recoupe")
    {
        var graph = new NamespaceGraph(prefix);
        foreach (var path in assemblyPaths)
        {
            using var assembly = AssemblyDefinition.ReadAssembly(path);
            foreach (var type in assembly.MainModule.Types)
                if (graph.Ours(type.Namespace)) graph.Visit(type, type.Namespace, type.FullName);
        }
        return graph;
    }

    /// <summary>A graph given edge by edge (to test the cycle finder itself).</summary>
    public static NamespaceGraph Of(params (string From, string To)[] edges)
    {
        var graph = new NamespaceGraph("");
        foreach (var (from, to) in edges) graph.AddEdge(from, to, $"{from} uses {to}");
        return graph;
    }

    /// <summary>Groups of two or more namespaces that reach each other (strongly connected components), each sorted.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles()
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var cycles = new List<IReadOnlyList<string>>();
        var next = 0;

        void Connect(string node)
        {
            index[node] = low[node] = next++;
            stack.Push(node);
            onStack.Add(node);
            if (_edges.TryGetValue(node, out var targets))
                foreach (var target in targets.Keys)
                {
                    if (!index.ContainsKey(target)) { Connect(target); low[node] = Math.Min(low[node], low[target]); }
                    else if (onStack.Contains(target)) low[node] = Math.Min(low[node], index[target]);
                }
            if (low[node] != index[node]) return;
            var component = new List<string>();
            string member;
            do { member = stack.Pop(); onStack.Remove(member); component.Add(member); } while (member != node);
            if (component.Count > 1) cycles.Add(component.Order(StringComparer.Ordinal).ToList());
        }

        foreach (var node in Namespaces)
            if (!index.ContainsKey(node)) Connect(node);
        return cycles;
    }

    /// <summary>The uses between members of one cycle, one line each with its example.</summary>
    public IEnumerable<string> Explain(IReadOnlyList<string> cycle) =>
        from source in cycle
        where _edges.ContainsKey(source)
        from edge in _edges[source]
        where cycle.Contains(edge.Key)
        select $"{source} -> {edge.Key} ({edge.Value})";

    private bool Ours(string? ns) => !string.IsNullOrEmpty(ns) && ns.StartsWith(_prefix, StringComparison.Ordinal);

    private void AddEdge(string from, string to, string example)
    {
        if (from == to) return;
        if (!_edges.TryGetValue(from, out var targets)) _edges[from] = targets = new(StringComparer.Ordinal);
        targets.TryAdd(to, example);
    }

    private void Visit(TypeDefinition type, string ns, string owner)
    {
        void Use(TypeReference? reference) => UseType(reference, ns, owner);

        Use(type.BaseType);
        foreach (var face in type.Interfaces) Use(face.InterfaceType);
        UseAttributes(type.CustomAttributes, ns, owner);
        foreach (var parameter in type.GenericParameters)
            foreach (var constraint in parameter.Constraints) Use(constraint.ConstraintType);
        foreach (var field in type.Fields) { Use(field.FieldType); UseAttributes(field.CustomAttributes, ns, owner); }
        foreach (var property in type.Properties) { Use(property.PropertyType); UseAttributes(property.CustomAttributes, ns, owner); }
        foreach (var e in type.Events) Use(e.EventType);
        foreach (var method in type.Methods)
        {
            Use(method.ReturnType);
            UseAttributes(method.CustomAttributes, ns, owner);
            foreach (var parameter in method.Parameters) { Use(parameter.ParameterType); UseAttributes(parameter.CustomAttributes, ns, owner); }
            foreach (var parameter in method.GenericParameters)
                foreach (var constraint in parameter.Constraints) Use(constraint.ConstraintType);
            if (!method.HasBody) continue;
            foreach (var variable in method.Body.Variables) Use(variable.VariableType);
            foreach (var handler in method.Body.ExceptionHandlers) Use(handler.CatchType);
            foreach (var instruction in method.Body.Instructions) UseOperand(instruction, ns, owner);
        }
        foreach (var nested in type.NestedTypes) Visit(nested, ns, owner);
    }

    private void UseOperand(Instruction instruction, string ns, string owner)
    {
        switch (instruction.Operand)
        {
            case TypeReference type:
                UseType(type, ns, owner);
                break;
            case MethodReference method:
                UseType(method.DeclaringType, ns, owner);
                UseType(method.ReturnType, ns, owner);
                foreach (var parameter in method.Parameters) UseType(parameter.ParameterType, ns, owner);
                if (method is GenericInstanceMethod generic)
                    foreach (var argument in generic.GenericArguments) UseType(argument, ns, owner);
                break;
            case FieldReference field:
                UseType(field.DeclaringType, ns, owner);
                UseType(field.FieldType, ns, owner);
                break;
        }
    }

    private void UseAttributes(IEnumerable<CustomAttribute> attributes, string ns, string owner)
    {
        foreach (var attribute in attributes)
        {
            UseType(attribute.AttributeType, ns, owner);
            foreach (var argument in attribute.ConstructorArguments.Concat(attribute.Properties.Select(p => p.Argument)))
                if (argument.Value is TypeReference type) UseType(type, ns, owner);
        }
    }

    private void UseType(TypeReference? reference, string ns, string owner)
    {
        switch (reference)
        {
            case null or GenericParameter:
                return;
            case GenericInstanceType generic:
                UseType(generic.ElementType, ns, owner);
                foreach (var argument in generic.GenericArguments) UseType(argument, ns, owner);
                return;
            case TypeSpecification specification: // arrays, by-ref, pointers, modifiers
                UseType(specification.ElementType, ns, owner);
                return;
        }
        var top = reference;
        while (top.DeclaringType is not null) top = top.DeclaringType;
        if (Ours(top.Namespace)) AddEdge(ns, top.Namespace, $"{owner} uses {top.FullName}");
    }
}
