Console.WriteLine("recoupe");
