// StepBench: training step time of the tiny preset vs the same architecture in Python torch (step), and the real-time
// factor of synthesis per decoder strategy (rtf). See ../README.md.
// Usage: StepBench step [threads=2] [steps=10] [warmup=3] [rounds=3] [batch=16]
//        StepBench rtf  [threads=2] [repeats=3]
static int Arg(string[] args, int index, int fallback) => args.Length > index ? int.Parse(args[index]) : fallback;

var mode = args.Length > 0 ? args[0] : "step";
return mode switch
{
    "step" => StepMode.Run(Arg(args, 1, 2), Arg(args, 2, 10), Arg(args, 3, 3), Arg(args, 4, 3), Arg(args, 5, 16)),
    "rtf" => RtfMode.Run(Arg(args, 1, 2), Arg(args, 2, 3)),
    _ => Usage(mode),
};

static int Usage(string mode)
{
    Console.Error.WriteLine($"Unknown mode '{mode}'. Usage: StepBench step [threads] [steps] [warmup] [rounds] [batch] | StepBench rtf [threads] [repeats]");
    return 2;
}
