using System;
using System.IO;
using PolicyAsCode;
using Samples.CalicoCloud;

// The main job. The build wrote the policy file next to this program (policies/calico-cloud-audit.yaml),
// taken from the compiled assembly; show it, check it is the YAML the generator emitted, and say which requirement
// sets it meets.
var path = Path.Combine(AppContext.BaseDirectory, "policies", CalicoCloudAuditPolicy.FileName);
var written = File.ReadAllText(path);
Console.WriteLine("# " + Path.GetRelativePath(Environment.CurrentDirectory, path));
Console.Write(written);
var met = RequirementReport.Write(Console.Out, typeof(CalicoCloudAuditPolicy), PolicyLoader.Load(written).Policy!);
return written == CalicoCloudAuditPolicy.Yaml && met ? 0 : 1;
