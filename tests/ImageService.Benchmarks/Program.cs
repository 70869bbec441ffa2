Console.Error.WriteLine("usage: see tests/ImageService.Benchmarks/RESULTS.md");
return 2;
