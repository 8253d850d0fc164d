using System;
using System.IO;
using Samples.CalicoCloud;

// The main job. The build wrote the policy file next to this program (policies/calico-cloud-audit.yaml),
// taken from the compiled assembly; show it, and check it is the YAML the generator emitted.
var path = Path.Combine(AppContext.BaseDirectory, "policies", CalicoCloudAuditPolicy.FileName);
var written = File.ReadAllText(path);
Console.WriteLine("# " + Path.GetRelativePath(Environment.CurrentDirectory, path));
Console.Write(written);
return written == CalicoCloudAuditPolicy.Yaml ? 0 : 1;
