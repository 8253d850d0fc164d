using System;
using System.Collections.Generic;
using System.Text;

namespace PolicyAsCode;

/// <summary>Where a resource's objects live, as far as PolicyAsCode knows.</summary>
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
enum ResourceScope
{
    /// <summary>Not a built-in resource (a CRD or an aggregated API): either scope is possible.</summary>
    Unknown,

    /// <summary>A built-in namespaced resource.</summary>
    Namespaced,

    /// <summary>A built-in cluster-scoped resource.</summary>
    Cluster,
}

/// <summary>
/// Which requests kube-apiserver can receive, and which of them can succeed. Two views of one domain
/// (docs/request-domain.md): <see cref="CanReceive"/> holds for exactly the attributes <see cref="RequestInfoFactory"/>
/// derives from some HTTP request (any method and URL); <see cref="CanSucceed"/> keeps the real object operations:
/// the right verb for the name, and the namespace the resource's scope requires.
/// </summary>
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
static partial class RequestDomain
{
    private static readonly string[] Methods = { "GET", "PUT", "PATCH", "DELETE", "POST", "OPTIONS" };

    /// <summary>The verbs of real object operations: the only verbs whose requests can succeed (docs/request-domain.md).</summary>
    internal static readonly string[] ObjectVerbs = { "get", "list", "watch", "create", "update", "patch", "delete", "deletecollection" };

    /// <summary>
    /// Whether kube-apiserver treats the request as long-running, so it emits <c>ResponseStarted</c> once the headers are
    /// sent: the verbs watch and proxy, and the subresources attach, exec, log, portforward and proxy (the apiserver's
    /// BasicLongRunningRequestCheck).
    /// </summary>
    public static bool IsLongRunning(string verb, string subresource)
        => verb is "watch" or "proxy" || subresource is "attach" or "exec" or "log" or "portforward" or "proxy";

    /// <summary>The stages a succeeding request of (verb, subresource) produces (Panic only when a handler panics; counted as produced).</summary>
    public static StageSet StagesProduced(string verb, string subresource)
        => StageSet.RequestReceived | StageSet.ResponseComplete | StageSet.Panic | (IsLongRunning(verb, subresource) ? StageSet.ResponseStarted : StageSet.Empty);

    /// <summary>The scope of a resource (subresources have their parent's), from the built-in catalog.</summary>
    public static ResourceScope ScopeOf(string apiGroup, string resource)
        => BuiltinCatalog.IsNamespaced(apiGroup, resource) switch
        {
            true => ResourceScope.Namespaced,
            false => ResourceScope.Cluster,
            _ => ResourceScope.Unknown,
        };

    /// <summary>True when some HTTP request makes kube-apiserver evaluate the policy against these attributes (user, groups and, for resource requests, the path aside).</summary>
    public static bool CanReceive(AuditRequest request) => ExampleHttp(request) is not null;

    /// <summary>
    /// An HTTP request (<c>METHOD /path?query</c>) from which kube-apiserver derives exactly these attributes, or null
    /// when there is none. The candidates are the URL shapes of NewRequestInfo; each is checked by deriving it.
    /// </summary>
    public static string? ExampleHttp(AuditRequest request)
    {
        if (!request.ResourceRequest)
        {
            return NonResourceExample(request);
        }

        // Segments are split on '/', so no attribute of a resource request can hold one.
        foreach (var value in new[] { request.ApiGroup, request.Namespace, request.Resource, request.Subresource, request.Name })
        {
            if (value.IndexOf('/') >= 0)
            {
                return null;
            }
        }

        var prefix = request.ApiGroup.Length == 0 ? "/api/v1" : "/apis/" + Escape(request.ApiGroup) + "/v1";
        foreach (var body in Bodies(request))
        {
            foreach (var (method, verbPath) in Forms(request.Verb))
            {
                foreach (var query in Queries(request))
                {
                    var line = method + " " + prefix + verbPath + body + query;
                    if (RequestInfoFactory.TryParse(line, out var info, out _) && Same(info!, request))
                    {
                        return line;
                    }
                }
            }
        }

        return null;
    }

    /// <summary>
    /// True when kube-apiserver can receive the request and it can succeed: a verb of a real operation with the name
    /// it needs (get, update, patch and delete name an object; create names none, or the parent of a subresource;
    /// list and watch name one only through a field selector; deletecollection none), and the namespace the resource's
    /// scope requires (built-in namespaced resources always carry one except cluster-wide list and watch; built-in
    /// cluster-scoped ones never, except namespaces objects, which carry their own name; unknown scopes either).
    /// </summary>
    public static bool CanSucceed(AuditRequest request) => WhyNotSucceed(request) is null;

    /// <summary>Why the request cannot succeed (null when it can), in words for findings and docs.</summary>
    public static string? WhyNotSucceed(AuditRequest request)
    {
        if (!CanReceive(request))
        {
            return "kube-apiserver never receives a request with these attributes";
        }

        return WhyNotSucceedReceived(request);
    }

    /// <summary><see cref="WhyNotSucceed"/> for a request already known to be receivable.</summary>
    private static string? WhyNotSucceedReceived(AuditRequest request)
    {
        if (!request.ResourceRequest)
        {
            return null;
        }

        if (WhyNoCell(request.Verb, request.Subresource) is { } none)
        {
            return none;
        }

        var shape = ShapeOf(request.Verb, request.ApiGroup, request.Resource, request.Subresource)!.Value;
        var named = request.Name.Length > 0;
        if (!shape.Admits(named))
        {
            return request.Verb switch
            {
                "create" when named => "create of a resource names no object (the name is in the body)",
                "create" => "create of a subresource names its parent object",
                "deletecollection" => "deletecollection names no object",
                _ => request.Verb + " needs an object name",
            };
        }

        if (shape.Admits(request.Name, request.Namespace))
        {
            return null;
        }

        return shape.Namespace switch
        {
            NamespaceForm.Required => request.Resource + " is namespaced: only list and watch go across namespaces",
            NamespaceForm.OwnName => "a namespace object carries its own name as namespace",
            _ when request.Resource == "namespaces" && request.ApiGroup.Length == 0 => "namespaces are listed and watched without a namespace",
            _ => request.Resource + " is cluster-scoped: no namespace",
        };
    }

    /// <summary>
    /// The shape of the succeeding requests of a cell (docs/request-domain.md), or null when no request of it can succeed
    /// (a verb that is no operation on objects, a list, watch or deletecollection of a subresource).
    /// </summary>
    public static CellShape? ShapeOf(string verb, string apiGroup, string resource, string subresource)
    {
        if (WhyNoCell(verb, subresource) is not null)
        {
            return null;
        }

        var sub = subresource.Length > 0;
        var collection = verb is "list" or "watch";
        var name = verb switch
        {
            "list" or "watch" => NameForm.Either,
            "deletecollection" => NameForm.None,
            "create" => sub ? NameForm.Required : NameForm.None,
            _ => NameForm.Required,
        };
        var ns = ScopeOf(apiGroup, resource) switch
        {
            ResourceScope.Namespaced => collection ? NamespaceForm.Either : NamespaceForm.Required,
            ResourceScope.Cluster when apiGroup.Length == 0 && resource == "namespaces" => collection ? NamespaceForm.None : NamespaceForm.OwnName,
            ResourceScope.Cluster => NamespaceForm.None,
            _ => NamespaceForm.Either,
        };
        return new CellShape(name, ns);
    }

    /// <summary>Why no request of (verb, subresource) can succeed, or null.</summary>
    private static string? WhyNoCell(string verb, string subresource)
        => Array.IndexOf(ObjectVerbs, verb) < 0 ? "the verb " + PolicyValidator.GoQuote(verb) + " is no operation on objects"
            : verb is "list" or "watch" or "deletecollection" && subresource.Length > 0 ? verb + " has no subresource"
            : null;

    private static string? NonResourceExample(AuditRequest request)
    {
        if (request.Namespace.Length + request.ApiGroup.Length + request.Resource.Length + request.Subresource.Length + request.Name.Length > 0
            || request.Verb.Length == 0 || request.Verb != request.Verb.ToLowerInvariant())
        {
            return null;
        }

        var line = request.Verb.ToUpperInvariant() + " " + EscapePath(request.Path);
        return RequestInfoFactory.TryParse(line, out var info, out _) && !info!.IsResourceRequest && info.Verb == request.Verb && info.Path == request.Path ? line : null;
    }

    /// <summary>
    /// The path after the version: namespaces/{ns}/ (when there is a namespace, or an empty one) and
    /// resource/name/subresource, or the namespace object itself. The name may also stay out of the path (an empty segment before a subresource), for
    /// a list or watch that names its object through a field selector.
    /// </summary>
    private static IEnumerable<string> Bodies(AuditRequest r)
    {
        foreach (var name in r.Name.Length > 0 ? new[] { r.Name, string.Empty } : new[] { string.Empty })
        {
            if (r.Resource == "namespaces" && name.Length > 0 && name == r.Namespace)
            {
                yield return Segments("namespaces", name, r.Subresource);
            }

            // Trailing empty segments are trimmed by splitPath; a segment after the subresource is ignored, which keeps
            // them (an empty resource, name or subresource at the end).
            foreach (var tail in new[] { Segments(r.Resource, name, r.Subresource), "/" + Escape(r.Resource) + "/" + Escape(name) + "/" + Escape(r.Subresource) + "/x" })
            {
                yield return r.Namespace.Length > 0 ? "/namespaces/" + Escape(r.Namespace) + tail : tail;

                // An empty namespace segment: a resource named like a path verb ("watch") without a namespace.
                if (r.Namespace.Length == 0)
                {
                    yield return "/namespaces/" + tail;
                }
            }
        }
    }

    /// <summary>"/a/b/c" without trailing empty segments (NewRequestInfo's splitPath trims them).</summary>
    private static string Segments(params string[] parts)
    {
        var count = parts.Length;
        while (count > 0 && parts[count - 1].Length == 0)
        {
            count--;
        }

        var sb = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            sb.Append('/').Append(Escape(parts[i]));
        }

        return sb.ToString();
    }

    /// <summary>The method and the verb-in-path part that can give this verb.</summary>
    private static IEnumerable<(string Method, string VerbPath)> Forms(string verb)
    {
        var byMethod = verb switch
        {
            "get" or "list" or "watch" => "GET",
            "update" => "PUT",
            "patch" => "PATCH",
            "delete" or "deletecollection" => "DELETE",
            "create" => "POST",
            "" => "OPTIONS",
            _ => null,
        };
        if (byMethod is not null)
        {
            yield return (byMethod, string.Empty);
        }

        if (verb is "watch" or "proxy")
        {
            foreach (var method in Methods)
            {
                yield return (method, "/" + verb);
            }
        }
    }

    private static IEnumerable<string> Queries(AuditRequest r)
    {
        yield return string.Empty;
        if (r.Verb == "watch")
        {
            yield return "?watch=true";
        }

        if (r.Verb is "list" or "watch" && r.Name.Length > 0)
        {
            var selector = "?fieldSelector=" + Uri.EscapeDataString("metadata.name=" + r.Name.Replace("\\", "\\\\").Replace(",", "\\,").Replace("=", "\\="));
            yield return selector;
            yield return selector + "&watch=true";
        }
    }

    private static bool Same(RequestInfo info, AuditRequest r)
        => info.IsResourceRequest && info.Verb == r.Verb && info.ApiGroup == r.ApiGroup && info.Namespace == r.Namespace
            && info.Resource == r.Resource && info.Subresource == r.Subresource && info.Name == r.Name;

    /// <summary>A path segment, percent-encoded so that it decodes to itself (no '/' inside).</summary>
    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    private static string EscapePath(string path)
    {
        var parts = path.Split('/');
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = Escape(parts[i]);
        }

        return string.Join("/", parts);
    }
}
