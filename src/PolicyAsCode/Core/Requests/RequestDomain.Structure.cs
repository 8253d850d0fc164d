using System;

namespace PolicyAsCode;

/// <summary>
/// The received domain decided from the attributes' structure instead of by building and deriving URLs: the same
/// answer as <see cref="RequestDomain.CanReceive"/> (RequestDomainTests compare them over a large enumeration), fast
/// enough for the exact searches to ask it at every branch, and split by attribute so that a search can reject a
/// partial request as soon as the attributes it has assigned admit no receivable completion.
/// </summary>
static partial class RequestDomain
{
    /// <summary>Every verb NewRequestInfo gives a resource request: the methods' verbs, list/watch/deletecollection, the path verbs, and "" (OPTIONS and other methods).</summary>
    internal static readonly string[] ResourceVerbs = { "get", "list", "watch", "create", "update", "patch", "delete", "deletecollection", "proxy", string.Empty };

    /// <summary>Same as <see cref="CanReceive"/>, from the structure of the attributes (user and groups aside).</summary>
    internal static bool IsReceivable(AuditRequest request)
    {
        if (!request.ResourceRequest)
        {
            return request.Namespace.Length + request.ApiGroup.Length + request.Resource.Length + request.Subresource.Length + request.Name.Length == 0
                && IsNonResourceVerb(request.Verb) && IsNonResourcePath(request.Path);
        }

        return IsResourceVerb(request.Verb) && IsSegment(request.Namespace) && IsSegment(request.ApiGroup) && IsSegment(request.Resource)
            && IsSegment(request.Subresource) && IsSegment(request.Name) && ResourceFits(request.Namespace, request.Resource)
            && SubresourceFits(request.Verb, request.Subresource) && NameFits(request.Verb, request.Name);
    }

    /// <summary>Same as <see cref="CanSucceed"/>, from the structure of the attributes.</summary>
    internal static bool Succeeds(AuditRequest request) => IsReceivable(request) && WhyNotSucceedReceived(request) is null;

    /// <summary>A verb a resource request can have.</summary>
    internal static bool IsResourceVerb(string verb) => Array.IndexOf(ResourceVerbs, verb) >= 0;

    /// <summary>
    /// A verb a non-resource request can have: the lower-cased method, so a non-empty HTTP token (RFC 7230 tchar)
    /// without upper-case letters (a non-ASCII letter is no tchar, and no method lower-cases to one).
    /// </summary>
    internal static bool IsNonResourceVerb(string verb)
    {
        if (verb.Length == 0)
        {
            return false;
        }

        foreach (var c in verb)
        {
            var ok = c is (>= 'a' and <= 'z') or (>= '0' and <= '9')
                or '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~';
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A decoded path kube-apiserver reads as a non-resource request: it starts with '/' (a request target does),
    /// holds only text UTF-8 can carry, and after trimming '/' it is not three segments under <c>api</c> or four
    /// under <c>apis</c>.
    /// </summary>
    internal static bool IsNonResourcePath(string path)
    {
        if (path.Length == 0 || path[0] != '/' || !IsText(path))
        {
            return false;
        }

        var trimmed = path.Trim('/');
        var first = trimmed.IndexOf('/');
        var head = first < 0 ? trimmed : trimmed.Substring(0, first);
        var needed = head switch
        {
            "api" => 3,
            "apis" => 4,
            _ => int.MaxValue,
        };
        if (needed == int.MaxValue)
        {
            return true;
        }

        var segments = 1;
        foreach (var c in trimmed)
        {
            if (c == '/')
            {
                segments++;
            }
        }

        return segments < needed;
    }

    /// <summary>A value one path segment can decode to: no '/', and only text UTF-8 can carry (no lone surrogate).</summary>
    internal static bool IsSegment(string value) => value.IndexOf('/') < 0 && IsText(value);

    /// <summary>
    /// The namespace and the resource together: after <c>namespaces/{ns}/</c> a segment <c>status</c> or
    /// <c>finalize</c> addresses the namespace itself, so no resource of that name has a namespace.
    /// </summary>
    internal static bool ResourceFits(string ns, string resource) => ns.Length == 0 || resource is not ("status" or "finalize");

    /// <summary>The verb and the subresource together: <c>proxy</c> takes no subresource.</summary>
    internal static bool SubresourceFits(string verb, string subresource) => verb != "proxy" || subresource.Length == 0;

    /// <summary>
    /// The verb and the name together: get and delete always name an object (without one they are list/watch and
    /// deletecollection), deletecollection never does, and a list names one only through a field selector, which
    /// takes no <c>.</c>, <c>..</c> or name with '%'.
    /// </summary>
    internal static bool NameFits(string verb, string name) => verb switch
    {
        "get" or "delete" => name.Length > 0,
        "deletecollection" => name.Length == 0,
        "list" => name.Length == 0 || (name is not ("." or "..") && name.IndexOf('%') < 0),
        _ => true,
    };

    /// <summary>No lone surrogate: percent-decoded UTF-8 never yields one.</summary>
    private static bool IsText(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }
}
