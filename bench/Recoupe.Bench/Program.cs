using Recoupe.Bench;

if (args.Length > 0 && args[0] == "stories") return StoriesBench.Run(args[1..]);
Console.WriteLine("bench");
return 0;
