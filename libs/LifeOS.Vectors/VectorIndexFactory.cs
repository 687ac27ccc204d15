namespace LifeOS.Vectors;

/// <summary>Opens the vector index of one collection (<paramref name="collection"/>, vectors of <paramref name="dimension"/>
/// floats). A module that keeps vectors asks for one of these; the host decides which backend it is (the embedded index
/// by default, Qdrant in the split services), so modules never pick an adapter.</summary>
public delegate IVectorIndex VectorIndexFactory(string collection, int dimension);
