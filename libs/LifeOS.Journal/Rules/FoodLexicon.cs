namespace LifeOS.Journal.Rules;

/// <summary>Words that name food and drink, so "had a protein shake" is food and "had a meeting" is not.</summary>
internal static class FoodLexicon
{
    private static readonly HashSet<string> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        // Staples and dishes
        "bread", "toast", "bagel", "croissant", "muffin", "pancake", "waffle", "cereal", "granola", "oatmeal", "oats",
        "porridge", "egg", "omelette", "omelet", "benedict", "bacon", "sausage", "ham", "yogurt", "yoghurt", "cheese",
        "butter", "jam", "honey", "syrup", "rice", "pasta", "spaghetti", "noodle", "ramen", "pho", "udon", "soba",
        "sushi", "sashimi", "pizza", "burger", "hamburger", "cheeseburger", "fries", "chips", "sandwich", "wrap",
        "burrito", "taco", "quesadilla", "nachos", "salad", "soup", "stew", "curry", "chili", "lasagna", "risotto",
        "dumpling", "gyoza", "kebab", "falafel", "hummus", "shawarma", "tapas", "paella", "steak", "chicken", "beef",
        "pork", "lamb", "fish", "salmon", "tuna", "shrimp", "prawn", "tofu", "tempeh", "lentil", "bean", "chickpea",
        "potato", "vegetable", "veggie", "broccoli", "carrot", "spinach", "kale", "avocado", "tomato", "mushroom",
        "leftover", "leftovers", "stir-fry", "stirfry", "roast", "pie", "quiche", "casserole", "bowl", "poke",
        "dal", "naan", "biryani", "kimchi", "bibimbap", "schnitzel", "pretzel", "bratwurst", "goulash",
        // Fruit and snacks
        "fruit", "apple", "banana", "orange", "berry", "blueberry", "strawberry", "raspberry", "grape", "mango",
        "pear", "peach", "melon", "watermelon", "nut", "almond", "peanut", "cashew", "crisps", "popcorn", "cracker",
        "cookie", "biscuit", "cake", "cupcake", "brownie", "donut", "doughnut", "chocolate", "candy", "sweets",
        "ice", "cream", "gelato", "dessert", "pudding", "snack", "bar",
        // Drinks
        "coffee", "espresso", "latte", "cappuccino", "americano", "macchiato", "mocha", "flat white", "tea", "matcha", "chai",
        "water", "juice", "smoothie", "shake", "milkshake", "milk", "soda", "coke", "lemonade", "kombucha",
        "beer", "wine", "cocktail", "whisky", "whiskey", "vodka", "gin", "rum", "cider", "prosecco", "champagne",
        "margarita", "spritz", "pint",
    };

    /// <summary>True when the word or phrase, or its singular, names a food or drink.</summary>
    public static bool Contains(string word)
    {
        var lower = word.Trim().ToLowerInvariant();
        if (Words.Contains(lower))
        {
            return true;
        }

        if (lower.EndsWith("ies", StringComparison.Ordinal) && Words.Contains(lower[..^3] + "y"))
        {
            return true;
        }

        if (lower.EndsWith("es", StringComparison.Ordinal) && Words.Contains(lower[..^2]))
        {
            return true;
        }

        return lower.EndsWith('s') && Words.Contains(lower[..^1]);
    }
}
