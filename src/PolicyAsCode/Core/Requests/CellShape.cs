namespace PolicyAsCode;

/// <summary>Whether the succeeding requests of a cell name an object.</summary>
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
enum NameForm
{
    /// <summary>Never: <c>create</c> of a resource (the name is in the body), <c>deletecollection</c>.</summary>
    None,

    /// <summary>Always: <c>get</c>, <c>update</c>, <c>patch</c>, <c>delete</c>, and <c>create</c> of a subresource (its parent).</summary>
    Required,

    /// <summary>Either: <c>list</c> and <c>watch</c> name one only through <c>fieldSelector=metadata.name=...</c>.</summary>
    Either,
}

/// <summary>Which namespace the succeeding requests of a cell carry.</summary>
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
enum NamespaceForm
{
    /// <summary>None: cluster-scoped built-ins, and lists and watches of <c>namespaces</c>.</summary>
    None,

    /// <summary>A non-empty one: built-in namespaced resources, except cluster-wide lists and watches.</summary>
    Required,

    /// <summary>Either: lists and watches of namespaced resources, and resources of unknown scope (CRDs, aggregated APIs).</summary>
    Either,

    /// <summary>The object's own name (so none when there is no name): <c>namespaces</c> objects, <c>PUT /api/v1/namespaces/x</c>.</summary>
    OwnName,
}

/// <summary>
/// The shape of the requests of one (verb, API group, resource, subresource) that can succeed: whether they name an
/// object and which namespace they carry. <see cref="RequestDomain.WhyNotSucceed"/> judges requests by it, and the
/// exact checks enumerate only values of this shape, so both read the one definition of the succeeding domain.
/// </summary>
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
readonly record struct CellShape(NameForm Name, NamespaceForm Namespace)
{
    /// <summary>Whether a name of this length fits the shape.</summary>
    public bool Admits(bool named) => Name switch
    {
        NameForm.None => !named,
        NameForm.Required => named,
        _ => true,
    };

    /// <summary>Whether a request with this name carries this namespace in the shape.</summary>
    public bool Admits(string name, string ns) => Namespace switch
    {
        NamespaceForm.None => ns.Length == 0,
        NamespaceForm.Required => ns.Length > 0,
        NamespaceForm.OwnName => ns == name,
        _ => true,
    };
}
