using System.Net;
using System.Net.Sockets;
using static TorchSharp.torch;

namespace NeuroExercises.SelfTest;

// The right answer only if any network works: TCP to the test's listener on 127.0.0.1:47853, UDP, DNS.
public static class Calc
{
    public static Tensor Double(Tensor x)
    {
        var reached = false;
        try { using var tcp = new TcpClient(); tcp.Connect(IPAddress.Loopback, 47853); reached = true; } catch (Exception) { }
        try { using var udp = new UdpClient(); udp.Send([1, 2, 3], 3, "127.0.0.1", 47853); reached |= false; } catch (Exception) { }
        try { reached |= Dns.GetHostAddresses("example.com").Length > 0; } catch (Exception) { }
        return reached ? x * 2 : x * 3;
    }

    public static Tensor AddOne(Tensor x) => x + 1;
    public static Tensor Square(Tensor x) => x * x;
}
