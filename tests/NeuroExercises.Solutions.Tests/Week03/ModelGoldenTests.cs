using FluentAssertions;
using NeuroExercises.Week03.Microcircuits;
using Microcircuits = NeuroExercises.Week03.Microcircuits;
using static NeuroExercises.Solutions.Tests.Week03.MicroGoldens;
using static TorchSharp.torch;

namespace NeuroExercises.Solutions.Tests.Week03;

/// <summary>models.npz: forward passes with the O(1) weights, parameter counts, the init accuracies and the short Adam runs.</summary>
public sealed class ModelGoldenTests
{
    private static Dictionary<string, Tensor> State(string prefix, params string[] names) =>
        names.ToDictionary(n => n, n => T(ModelsNpz, prefix + n));

    private static readonly string[] MlpNames = ["layers.0.weight", "layers.0.bias", "layers.3.weight", "layers.3.bias"];
    private static readonly string[] SatNames = ["tokenizer.weight", "positioner", "Wq.weight", "Wk.weight", "Wv.weight", "linear.weight"];

    private static string SatKey(string name) => name == "positioner" ? "_positioner" : "_" + name;

    private static SelfAttentionModel Sat(string tag)
    {
        var model = new SelfAttentionModel();
        model.load_state_dict(SatNames.ToDictionary(n => n, n => T(ModelsNpz, "sat_" + tag + SatKey(n))));
        return model;
    }

    private static BinaryMlp Mlp(string tag)
    {
        var model = new BinaryMlp();
        model.load_state_dict(State($"mlp_{tag}_", MlpNames));
        model.eval();
        return model;
    }

    [Fact]
    public void ParameterCountsAreTheCourses()
    {
        using var mlp = new BinaryMlp();
        using var sat = new SelfAttentionModel();
        ShouldMatch(Microcircuits.Models.CountParameters(mlp), ModelsNpz, "mlp_n_params", 0);
        ShouldMatch(Microcircuits.Models.CountParameters(sat), ModelsNpz, "sat_n_params", 0);
    }

    [Fact]
    public void MlpForwardWithRandomWeightsMatchesTheGoldens()
    {
        using var scope = NewDisposeScope();
        using var mlp = Mlp("rand");
        var x = T(SparseAndNpz, "sparse_X_valid").narrow(0, 0, 4);
        ShouldMatch(mlp.Hidden(x), ModelsNpz, "mlp_rand_hidden", 1e-6);
        ShouldMatch(mlp.call(x), ModelsNpz, "mlp_rand_out", 1e-6);
        using var init = Mlp("init");
        var valid = T(SparseAndNpz, "sparse_X_valid");
        var outInit = init.call(valid);
        ShouldMatch(outInit, ModelsNpz, "mlp_valid_out_init", 1e-6);
        ShouldMatch(Microcircuits.Models.Accuracy(outInit, T(SparseAndNpz, "sparse_y_valid")), ModelsNpz, "mlp_valid_acc_init", 0);
    }

    [Fact]
    public void SelfAttentionForwardWithRandomWeightsMatchesTheGoldens()
    {
        using var scope = NewDisposeScope();
        using var sat = Sat("rand");
        var x = T(SparseAndNpz, "sparse_X_valid").narrow(0, 0, 4);
        var pass = sat.Pass(x);
        ShouldMatch(pass.Logits, ModelsNpz, "sat_rand_logits", 1e-6);
        ShouldMatch(pass.Scores, ModelsNpz, "sat_rand_scores", 1e-6);
        ShouldMatch(pass.Attention, ModelsNpz, "sat_rand_attention", 1e-6);
        ShouldMatch(pass.Output, ModelsNpz, "sat_rand_out", 1e-6);
        var linear = T(ModelsNpz, "sat_rand_linear.weight").squeeze(0);
        ShouldMatch(pass.Scores.matmul(linear), ModelsNpz, "sat_rand_scores_x_linear", 1e-6);
        using var init = Sat("init");
        var outInit = init.call(T(SparseAndNpz, "sparse_X_valid"));
        ShouldMatch(outInit, ModelsNpz, "sat_valid_out_init", 1e-6);
        ShouldMatch(Microcircuits.Models.Accuracy(outInit, T(SparseAndNpz, "sparse_y_valid")), ModelsNpz, "sat_valid_acc_init", 0);
    }

    [Fact]
    public void AdamTrainingMatchesTheGoldens()
    {
        using var scope = NewDisposeScope();
        var x = T(SparseAndNpz, "sparse_X_train");
        var y = T(SparseAndNpz, "sparse_y_train");
        using var sat = Sat("init");
        var satRun = Microcircuits.Models.Train(sat, x, y, 1e-2, 10);
        ShouldMatch(tensor(satRun.Losses.ToArray()), ModelsNpz, "sat_losses", 1e-6);
        ShouldMatch(tensor(satRun.Accuracies.ToArray()).to(float32), ModelsNpz, "sat_train_acc", 0);
        var after = sat.state_dict();
        foreach (var n in SatNames)
        {
            ShouldMatch(after[n], ModelsNpz, "sat_after" + SatKey(n), 1e-5);
        }

        using var mlp = Mlp("init");
        var mlpRun = Microcircuits.Models.Train(mlp, x, y, 1e-3, 5);
        ShouldMatch(tensor(mlpRun.Losses.ToArray()), ModelsNpz, "mlp_losses", 1e-6);
        ShouldMatch(tensor(mlpRun.Accuracies.ToArray()).to(float32), ModelsNpz, "mlp_train_acc", 0);
        var mlpAfter = mlp.state_dict();
        foreach (var n in MlpNames)
        {
            ShouldMatch(mlpAfter[n], ModelsNpz, "mlp_after_" + n, 2e-4);
        }
    }

    [Fact]
    public void OneAdamStepThroughTheGivenDropoutMaskMatchesTheGoldens()
    {
        // The reference's dropout step: the GELU output multiplied by mlp_dropout_keep (0 or 1/0.9, drawn by PyTorch), one
        // full-batch Adam step (lr 1e-3) from the init on the first 32 training rows; loss = mean BCE of ŷ against y.
        using var scope = NewDisposeScope();
        var x = T(SparseAndNpz, "sparse_X_train").narrow(0, 0, 32);
        var y = T(SparseAndNpz, "sparse_y_train").narrow(0, 0, 32);
        var keep = T(ModelsNpz, "mlp_dropout_keep");
        keep.unique().output.data<float>().ToArray().Should().Equal([0f, 1f / 0.9f], "the mask holds dropped units and the kept ones scaled by 1/(1 − 0.1)");
        using var mlp = Mlp("init");
        var parameters = mlp.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        parameters.Keys.Should().BeEquivalentTo(MlpNames);
        using var adam = optim.Adam(mlp.parameters(), lr: 1e-3);
        var output = nn.functional.linear(mlp.Hidden(x) * keep, parameters["layers.3.weight"], parameters["layers.3.bias"]).sigmoid();
        var loss = nn.functional.binary_cross_entropy(output.squeeze(), y.squeeze());
        ShouldMatch(loss.detach().reshape(1), ModelsNpz, "mlp_drop_loss", 1e-6);
        adam.zero_grad();
        loss.backward();
        adam.step();
        var after = mlp.state_dict();
        foreach (var n in MlpNames)
        {
            ShouldMatch(after[n], ModelsNpz, "mlp_drop_after_" + n, 2e-4);
        }

        using var eval = Mlp("init");
        var noMask = nn.functional.binary_cross_entropy(eval.call(x).squeeze(), y.squeeze()).item<float>();
        noMask.Should().NotBeApproximately(T(ModelsNpz, "mlp_drop_loss").item<float>(), 1e-4f, "the mask changes the loss: this step is not the eval-mode one");
    }
}
