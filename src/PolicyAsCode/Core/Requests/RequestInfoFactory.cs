using System;
using System.Collections.Generic;
using System.Globalization;

namespace PolicyAsCode;

/// <summary>
/// Derives the request attributes kube-apiserver audits from an HTTP request, exactly as k8s.io/apiserver
/// pkg/endpoints/request/requestinfo.go <c>RequestInfoFactory.NewRequestInfo</c> does with kube-apiserver's
/// configuration (APIPrefixes <c>api</c> and <c>apis</c>, GrouplessAPIPrefixes <c>api</c>). docs/request-domain.md
/// lists the rules.
/// </summary>
#if POLICYASCODE_CORE_INTERNAL
internal
#else
public
#endif
static class RequestInfoFactory
{
    /// <summary>
    /// Reads <c>METHOD /path?query</c> (a request line; a trailing <c>HTTP/1.1</c> is allowed) and derives its
    /// attributes. False with a message when Go's HTTP server or kube-apiserver would answer the request before
    /// auditing it, or when the line is not a request.
    /// </summary>
    public static bool TryParse(string httpLine, out RequestInfo? info, out string? error)
    {
        info = null;
        var parts = httpLine.Split(' ');
        if (parts.Length == 3 && parts[2].StartsWith("HTTP/", StringComparison.Ordinal))
        {
            parts = new[] { parts[0], parts[1] };
        }

        if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            error = "an HTTP request is written METHOD /path?query, e.g. \"GET /api/v1/namespaces/default/pods\"; got " + PolicyValidator.GoQuote(httpLine);
            return false;
        }

        return TryCreate(parts[0], parts[1], out info, out error);
    }

    /// <summary>Derives the attributes of a request with this method (case-sensitive, as Go reads it) and target.</summary>
    public static bool TryCreate(string method, string target, out RequestInfo? info, out string? error)
    {
        info = null;

        // net/http readRequest: validMethod (a non-empty token), then url.ParseRequestURI; both are 400s.
        if (method.Length == 0 || !IsToken(method))
        {
            error = "Go's HTTP server refuses the request (400): invalid method " + PolicyValidator.GoQuote(method);
            return false;
        }

        var urlError = GoUrl.SplitTarget(target, out var path, out var rawQuery);
        if (urlError is not null)
        {
            error = "Go's HTTP server refuses the request (400): " + urlError;
            return false;
        }

        info = Derive(method, target, path, rawQuery, out error);
        return info is not null;
    }

    /// <summary>NewRequestInfo, step by step (comments name upstream's steps).</summary>
    private static RequestInfo? Derive(string method, string target, string path, string rawQuery, out string? error)
    {
        error = null;

        // Start with a non-resource request until proven otherwise: the verb is the lower-cased method.
        var nonResource = new RequestInfo { Path = path, Verb = method.ToLowerInvariant() };

        // splitPath: trim '/' at both ends, split on '/' (empty segments of "//" stay).
        var trimmed = path.Trim('/');
        var parts = trimmed.Length == 0 ? Array.Empty<string>() : trimmed.Split('/');
        if (parts.Length < 3 || parts[0] is not ("api" or "apis"))
        {
            return nonResource;
        }

        var prefix = parts[0];
        var at = 1;
        var group = string.Empty;
        if (prefix == "apis")
        {
            // One part (the prefix) is consumed, so this asks "are there four parts?".
            if (parts.Length - at < 3)
            {
                return nonResource;
            }

            group = parts[at++];
        }

        var version = parts[at++];

        // /{specialVerb}/...: "proxy" and "watch" in the path set the verb (the deprecated verb-via-path form).
        string verb;
        if (parts[at] is "proxy" or "watch")
        {
            if (parts.Length - at < 2)
            {
                // WithRequestInfo answers 500 before the audit filter runs: no audit event.
                error = "kube-apiserver answers 500 before auditing: failed to create RequestInfo: unable to determine kind and namespace from url, " + target;
                return null;
            }

            verb = parts[at++];
        }
        else
        {
            verb = method switch
            {
                "POST" => "create",
                "GET" or "HEAD" => "get",
                "PUT" => "update",
                "PATCH" => "patch",
                "DELETE" => "delete",
                _ => string.Empty,
            };
        }

        // namespaces/{namespace}/{resource}/...: the namespace, then parts relative to the resource, unless the
        // part after the namespace is one of its own subresources ("status", "finalize").
        var ns = string.Empty;
        if (parts[at] == "namespaces" && parts.Length - at > 1)
        {
            ns = parts[at + 1];
            if (parts.Length - at > 2 && parts[at + 2] is not ("status" or "finalize"))
            {
                at += 2;
            }
        }

        // resource/name/subresource/...: "proxy" takes no subresource.
        var count = parts.Length - at;
        var resource = parts[at];
        var name = count >= 2 ? parts[at + 1] : string.Empty;
        var subresource = count >= 3 && verb != "proxy" ? parts[at + 2] : string.Empty;

        // No name and "get": a list or a watch, maybe naming one object through fieldSelector=metadata.name=...
        if (name.Length == 0 && verb == "get")
        {
            if (!ListOrWatch(GoUrl.ParseQuery(rawQuery), out verb, out name, out error))
            {
                return null;
            }
        }

        // No name and "delete": deletecollection.
        if (name.Length == 0 && verb == "delete")
        {
            verb = "deletecollection";
        }

        return new RequestInfo
        {
            IsResourceRequest = true,
            Path = path,
            Verb = verb,
            ApiPrefix = prefix,
            ApiGroup = group,
            ApiVersion = version,
            Namespace = ns,
            Resource = resource,
            Subresource = subresource,
            Name = name,
        };
    }

    /// <summary>
    /// The query decoded into metainternalversion.ListOptions (ParameterCodec.DecodeParameters): watch by
    /// Convert_Slice_string_To_bool, a field selector's metadata.name when it is a valid path segment name. When the
    /// decoding fails (a selector that does not parse, a limit or timeoutSeconds that is not an integer) upstream
    /// logs it, drops the options and reads only watch, with a slightly different test.
    /// </summary>
    private static bool ListOrWatch(Dictionary<string, List<string>> query, out string verb, out string name, out string? error)
    {
        error = null;
        name = string.Empty;
        var watchValues = query.TryGetValue("watch", out var w) ? w : null;
        var decoded = IsInt64(query, "limit") && IsInt64(query, "timeoutSeconds");
        string? selected = null;
        if (decoded && query.TryGetValue("fieldSelector", out var selectors))
        {
            decoded = FieldSelector.TryRequiredValue(selectors[0], "metadata.name", out selected, out _);
        }

        if (!decoded)
        {
            // The fallback: watch unless the first value lower-cases to "false" or "0" (strings.ToLower).
            verb = watchValues is not null && watchValues[0].ToLowerInvariant() is not ("false" or "0") ? "watch" : "list";
            return true;
        }

        // Convert_Slice_string_To_bool: false for "0" or a case-folded "false" (strings.EqualFold), true otherwise.
        verb = watchValues is not null && !(watchValues[0] == "0" || GoEqualFoldFalse(watchValues[0])) ? "watch" : "list";

        // path.IsValidPathSegmentName: not "." or "..", no '/' or '%'.
        if (selected is not null && selected is not ("." or "..") && selected.IndexOf('/') < 0 && selected.IndexOf('%') < 0)
        {
            if (query.TryGetValue("labelSelector", out var labels) && labels[0].Length > 0)
            {
                // labels.Parse decides whether this name counts (a label selector that does not parse drops it); its
                // grammar is not reproduced here, so the request is refused rather than guessed.
                error = "a list or watch with both fieldSelector=metadata.name=... and a labelSelector is not supported: whether kube-apiserver keeps the name depends on labels.Parse accepting " + PolicyValidator.GoQuote(labels[0]);
                return false;
            }

            name = selected;
        }

        return true;
    }

    /// <summary>Convert_Slice_string_To_int64 / _Pointer_int64: strconv.ParseInt(s, 10, 64) of the first value.</summary>
    private static bool IsInt64(Dictionary<string, List<string>> query, string key)
    {
        if (!query.TryGetValue(key, out var values))
        {
            return true;
        }

        var s = values[0];
        var digits = s.Length > 0 && s[0] is '+' or '-' ? s.Substring(1) : s;
        if (digits.Length == 0)
        {
            return false;
        }

        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);
    }

    /// <summary>strings.EqualFold(s, "false"): simple case folding, where 'ſ' (U+017F) folds to 's'.</summary>
    private static bool GoEqualFoldFalse(string s)
    {
        const string target = "false";
        if (s.Length != target.Length)
        {
            return false;
        }

        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            var lower = c is >= 'A' and <= 'Z' ? (char)(c | 0x20) : c;
            if (lower != target[i] && !(c == '\u017F' && target[i] == 's'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>RFC 7230 tchar, as net/http's validMethod checks it.</summary>
    private static bool IsToken(string s)
    {
        foreach (var c in s)
        {
            var ok = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')
                or '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~';
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
