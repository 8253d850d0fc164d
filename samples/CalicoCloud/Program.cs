using System;
using Samples.CalicoCloud;

// The main job: the policy declared in C# and the YAML the generator emitted for it at compile time.
Console.WriteLine("# " + CalicoCloudAuditPolicy.FileName);
Console.Write(CalicoCloudAuditPolicy.Yaml);
