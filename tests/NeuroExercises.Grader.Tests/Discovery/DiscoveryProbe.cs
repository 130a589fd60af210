namespace NeuroExercises.Grader.Tests.Discovery;

public static class DiscoveryProbe
{
    public static void Probe()
    {
    }
}
