# bench/graph/sets.sh — sourced by the graph benchmarks: the edge list of each named graph of
# ../shared/data/graphs (DATA must be set).
edges_of() {
  case "$1" in
    facebook) echo "$DATA/snap/facebook_combined.txt" ;;
    grqc) echo "$DATA/snap/ca-GrQc.txt" ;;
    ppi) echo "$DATA/ppi/edges.tsv" ;;
    blogcatalog) echo "$DATA/blogcatalog/edges.csv" ;;
    wikipedia) echo "$DATA/pos_wikipedia/edges.tsv" ;;
    cora) echo "$DATA/cora/cora_edgelist.txt" ;;
    karate) echo "$DATA/karate/karate.edgelist" ;;
    *) echo "unknown graph $1 (facebook, grqc, ppi, blogcatalog, wikipedia, cora, karate)" >&2; exit 2 ;;
  esac
}
