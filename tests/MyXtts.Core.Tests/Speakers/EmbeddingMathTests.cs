using MyXtts.Core.Speakers;

namespace MyXtts.Core.Tests.Speakers;

public sealed class EmbeddingMathTests
{
    [Fact]
    public void The_norm_is_the_euclidean_length()
    {
        Assert.Equal(5.0, EmbeddingMath.Norm([3f, 4f]), 12);
    }

    [Fact]
    public void Cosine_ignores_scale_and_sees_direction()
    {
        Assert.Equal(1.0, EmbeddingMath.Cosine([1f, 2f, 3f], [10f, 20f, 30f]), 12);
        Assert.Equal(-1.0, EmbeddingMath.Cosine([1f, 2f, 3f], [-2f, -4f, -6f]), 12);
        Assert.Equal(0.0, EmbeddingMath.Cosine([1f, 0f], [0f, 7f]), 12);
        Assert.Equal(Math.Sqrt(0.5), EmbeddingMath.Cosine([1f, 0f], [1f, 1f]), 12);
    }

    [Fact]
    public void The_cosine_matrix_is_symmetric_with_ones_on_the_diagonal()
    {
        float[][] embeddings = [[1f, 0f, 0f], [1f, 1f, 0f], [0.2f, -3f, 5f], [2f, 0f, 0f]];

        var matrix = EmbeddingMath.CosineMatrix(embeddings);

        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(1.0, matrix[i, i]);
            for (int j = 0; j < 4; j++)
            {
                Assert.Equal(matrix[i, j], matrix[j, i]);
                Assert.Equal(EmbeddingMath.Cosine(embeddings[i], embeddings[j]), matrix[i, j], 12);
            }
        }
        Assert.Equal(1.0, matrix[0, 3], 12);
    }

    [Fact]
    public void A_zero_embedding_has_no_cosine_and_says_so()
    {
        var e = Assert.Throws<ArgumentException>(() => EmbeddingMath.CosineMatrix([[0f, 0f], [1f, 0f]]));
        Assert.Contains("norm is 0", e.Message);
    }

    [Fact]
    public void Embeddings_of_different_sizes_are_not_compared()
    {
        Assert.Throws<ArgumentException>(() => EmbeddingMath.CosineMatrix([[1f, 0f], [1f, 0f, 0f]]));
    }
}
