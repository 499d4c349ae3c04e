namespace Fathom.Tracking.Stores;

/// <summary>Names a run that was given none, in MLflow's "adjective-noun-number" style (e.g. "brave-owl-417").</summary>
internal static class RunNames
{
    private static readonly string[] Adjectives =
    [
        "able", "bold", "brave", "bright", "calm", "clever", "crisp", "eager", "fair", "gentle", "glad", "grand",
        "honest", "keen", "kind", "lively", "lucky", "merry", "nimble", "proud", "quick", "quiet", "rare", "sharp",
        "shy", "silent", "smart", "sunny", "swift", "tidy", "vivid", "warm", "wise", "witty", "zealous", "amber",
    ];

    private static readonly string[] Nouns =
    [
        "ant", "bass", "bat", "bear", "bee", "crab", "crow", "deer", "dove", "duck", "eel", "elk", "finch", "fox",
        "frog", "goat", "hare", "hawk", "horse", "jay", "koi", "lark", "lion", "mole", "moth", "newt", "owl", "ox",
        "panda", "ram", "seal", "shark", "sloth", "snail", "swan", "toad", "trout", "wasp", "whale", "wolf", "yak",
    ];

    public static string Generate() =>
        $"{Adjectives[Random.Shared.Next(Adjectives.Length)]}-{Nouns[Random.Shared.Next(Nouns.Length)]}-{Random.Shared.Next(1000)}";
}
