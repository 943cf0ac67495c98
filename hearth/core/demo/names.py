"""Name lists for demo people in a Los Angeles CoC.

Embedded rather than drawn from a fake-data library at run time: a fixed list is faster, never
changes under a library upgrade, and so keeps the data identical for a given seed. Each list is
in rough order of frequency; the generator weights earlier names more (a Zipf-like curve), so
common names collide the way they do in a real HMIS, which is what makes de-duplication hard.

Hispanic names are stored with their accents; the generator writes some of them without
(as many intake forms do), and a duplicate record may drop them.
"""

from __future__ import annotations


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Group keys: hispanic, black, white, asian, armenian (a large LA community, recorded as White /
# Middle Eastern or North African).
FIRST_MALE: dict[str, tuple[str, ...]] = {
    "hispanic": _words(
        """José Juan Luis Carlos Jorge Jesús Miguel Francisco Antonio Alejandro Manuel Ricardo Roberto
        Fernando Javier Eduardo Daniel David Mario Sergio Raúl Rafael Ramón Héctor Óscar Víctor Arturo
        Alberto Armando Enrique Guillermo Gerardo Pedro Pablo Rubén Salvador Ignacio Joaquín Andrés
        Martín Adrián Julio César Hugo Ángel Gustavo Ernesto Alfredo Gabriel Diego Emilio Rodrigo
        Alfonso Felipe Marco Edgar Iván Israel Abel Efraín Agustín Lorenzo Santiago Mateo Cristian
        Kevin Bryan Jonathan Anthony Érik Refugio Rogelio Saúl Tomás Ismael Leonel Moisés Noé"""
    ),
    "black": _words(
        """James Michael Robert John William Anthony Marcus Darnell DeShawn Tyrone Andre Terrell Jamal
        Malik Darius Reginald Cedric Lamar Dwayne Curtis Kenneth Larry Willie Calvin Leon Jerome
        Maurice Derrick Travis Antoine Jermaine Rashad Demetrius Quincy Tyrell Marquis DeAndre Keith
        Clarence Earl Otis Roy Raymond Isaiah Elijah Xavier Jalen Kareem Charles Joseph Donald
        Ronald Samuel Harold Frederick Alvin Floyd Lamont Rodney Vincent Troy Damon Jaylen Trevon"""
    ),
    "white": _words(
        """David Michael John Robert James William Richard Thomas Christopher Daniel Matthew Mark
        Steven Paul Brian Kevin Jason Jeffrey Scott Timothy Gary Eric Stephen Gregory Ryan Joshua
        Andrew Patrick Sean Kyle Dennis Douglas Peter Frank Joseph Charles Edward Donald Ronald
        Kenneth Jacob Tyler Nicholas Benjamin Aaron Jonathan Alexander Adam Nathan Zachary Dustin
        Travis Cody Shane Wayne Randy Billy Jeremy Bradley Keith Russell Walter Harold Carl Roger"""
    ),
    "asian": _words(
        """Kevin David Michael Jason Daniel Andrew Eric Brian John Peter Minh Tuan Thanh Duc Hung
        Wei Jun Ming Hao Jian Min-jun Ji-hoon Sung Hyun Dong Jerome Arnel Rodel Mark Jose Ramon
        Hiroshi Kenji Takeshi Vinh Long Quang Kenneth Dennis Raymond Vincent"""
    ),
    "armenian": _words(
        """Armen Aram Hovhannes Narek Tigran Vartan Gevorg Hayk Davit Karen Arthur Levon Sarkis Ara
        Hagop Vahe Garo Raffi Ashot Artur"""
    ),
}

FIRST_FEMALE: dict[str, tuple[str, ...]] = {
    "hispanic": _words(
        """María Guadalupe Juana Rosa Ana Carmen Patricia Verónica Leticia Margarita Elizabeth Laura
        Silvia Gabriela Alejandra Adriana Claudia Martha Yolanda Teresa Sandra Mónica Lucía Isabel
        Josefina Gloria Esperanza Dolores Araceli Beatriz Blanca Cristina Diana Elena Estela Graciela
        Irma Maribel Norma Raquel Rocío Sofía Susana Yesenia Jessica Karla Daniela Valeria Ximena
        Jacqueline Paola Angélica Luz Alma Marisol Brenda Lorena Olga Socorro Consuelo Concepción
        Francisca Rosario Yadira Itzel Guillermina Reyna Griselda Elvira Catalina"""
    ),
    "black": _words(
        """Mary Patricia Linda Keisha Latoya Tamika Shanice Aaliyah Imani Ebony Tiffany Monique
        Jasmine Kiara Denise Yvonne Gwendolyn Shirley Dorothy Brenda Angela Tasha Lakisha Precious
        Destiny Danielle Crystal Ashley Erica Tanisha Shaniqua Felicia Sharonda Vanessa Cynthia
        Regina Bernice Loretta Gloria Wanda Barbara Deborah Tonya Kimberly Alicia Brianna Janelle
        Nia Zora Octavia Lashonda Rochelle Jacqueline Valerie Sheila Theresa Diane Annette"""
    ),
    "white": _words(
        """Jennifer Elizabeth Sarah Jessica Amanda Ashley Stephanie Nicole Melissa Rebecca Heather
        Amy Michelle Kimberly Lisa Karen Susan Nancy Donna Carol Deborah Sandra Laura Emily Megan
        Rachel Katherine Christine Kelly Julie Lauren Hannah Samantha Brittany Courtney Anna Erin
        Amber Tracy Catherine Margaret Patricia Barbara Linda Cynthia Dorothy Jacqueline Victoria
        Crystal Tiffany Kristen Danielle Shannon Misty April Tammy Brandy Holly Dawn"""
    ),
    "asian": _words(
        """Linh Huong Anh Mai Thu Lan Ngoc Mei Hui Xiao Li Seo-yeon Ji-woo Min-ji Soo Rowena Marilou
        Maria Grace Jennifer Michelle Christine Emily Amy Tiffany Yuki Aiko Emi Kim Nancy Helen
        Cindy Julie Vivian Joyce Cecilia"""
    ),
    "armenian": _words(
        """Ani Lusine Anahit Mariam Nare Armine Gayane Siranush Hasmik Tatevik Karine Lilit Nune
        Arpi Taline Sona Maral Nairi Anush Silva"""
    ),
}

SURNAMES: dict[str, tuple[str, ...]] = {
    "hispanic": _words(
        """García Hernández López Martínez González Rodríguez Pérez Sánchez Ramírez Flores Gómez
        Torres Díaz Reyes Morales Cruz Gutiérrez Ortiz Chávez Ramos Ruiz Mendoza Álvarez Castillo
        Jiménez Vásquez Moreno Romero Herrera Medina Aguilar Vargas Guzmán Castro Fernández Juárez
        Muñoz Méndez Salazar Soto Delgado Peña Ríos Contreras Sandoval Guerrero Estrada Núñez Ortega
        Domínguez Cervantes Valenzuela Espinoza Lara Navarro Rojas Campos Vega Luna Ávila Molina
        Acosta Figueroa Cabrera Zamora Rosales Carrillo Fuentes Ibarra Cortez Rivera Márquez Solís
        Velásquez Trujillo Orozco Villanueva Pacheco Quintero Beltrán Meza Barajas Zúñiga Cárdenas
        Arellano Mejía Padilla Salas Galván Serrano Montoya Maldonado Bautista Ochoa Cisneros
        Andrade Calderón Miranda Tapia Villalobos Robles Avalos Magaña Duarte Escobar Lozano Leyva"""
    ),
    "black": _words(
        """Johnson Williams Smith Jones Brown Jackson Davis Thomas Harris Robinson Taylor Wilson
        Moore White Washington Jefferson Banks Booker Mosley Dorsey Gaines Coleman Jenkins Bryant
        Freeman Simmons Franklin Hayes Griffin Hamilton Wallace Sims Henderson Alexander Butler
        Payne Holmes Singleton Tate Grant Rivers Pierce Wright Lewis Walker Hall Allen Young King
        Scott Green Baker Mitchell Carter Turner Parker Collins Edwards Stewart Morris Reed Bell Ford
        Gordon Harrison Ellis Woods Cole Dixon Hunt Porter Mack Barnes Bradley Stokes Lee Battle
        Merriweather Odom Whitfield Mays Fields Carr Tucker Boyd Spencer Warren Glover Spears"""
    ),
    "white": _words(
        """Smith Johnson Miller Anderson Wilson Taylor Thomas Moore Martin Thompson White Clark Lewis
        Hall Allen Young King Wright Hill Scott Green Adams Baker Nelson Carter Mitchell Roberts
        Campbell Phillips Evans Turner Parker Collins Edwards Stewart Morris Murphy Cook Rogers
        Morgan Cooper Peterson Bailey Reed Kelly Howard Cox Ward Richardson Wood Watson Brooks
        Bennett Gray Hughes Price Sanders Myers Long Ross Foster Olson Schmidt Meyer Becker
        Schneider Wagner Sullivan O'Brien O'Connor McCarthy Murray Walsh Kowalski Nowak Rossi Russo
        Larsen Hansen Jensen Novak Fischer Weber Hoffman Klein Schultz Fitzgerald McDonald Bishop"""
    ),
    "asian": _words(
        """Nguyễn Kim Lee Wong Chen Park Tran Li Wang Zhang Liu Chan Le Pham Huang Choi Santos Reyes
        Cruz Yang Wu Lin Ng Leung Zhao Zhou Jung Kang Cho Yoon Lim Hoang Phan Vu Dang Bautista
        Ocampo Villanueva Aquino Tolentino Tanaka Nakamura Yamamoto Sato Suzuki Watanabe Chang Ho
        Lau Cheung Tsai Hsu Do Bui Truong Ly Dinh Dela-Cruz Mendoza Ramos Castillo"""
    ),
    "armenian": _words(
        """Petrosyan Grigoryan Sargsyan Hakobyan Harutyunyan Avetisyan Karapetyan Gevorgyan
        Vardanyan Mkrtchyan Hovhannisyan Khachatryan Martirosyan Ghazaryan Manukyan Babayan
        Stepanyan Galstyan Melkonian Kassabian Derderian Boyajian Karamanian Hagopian"""
    ),
}

# Middle names drawn for a share of adults (often only an initial is kept).
MIDDLE: tuple[str, ...] = _words(
    """Marie Ann Lynn Louise Renee Michelle Elizabeth Nicole Lee James Allen Wayne Edward Ray Joseph
    Lamont Dion Antonio Luis Carlos Guadalupe Alejandro Ángel Isabel Jean Rose Grace Mae"""
)

SUFFIXES: tuple[str, ...] = ("Jr", "Sr", "II", "III")

# Street names and aliases: a partial name (NameDataQuality 2) is often all an outreach worker has.
STREET_NAMES: tuple[str, ...] = _words(
    """Shorty Flaco Gordo Smokey Red Tex Doc Chino Güero Blue Sunny Preacher Slim Boo Cowboy Lucky
    Junior Mama Pops Spider Tiny Chuckie Gringo Negro Santa Cali Dreads Bear Rocky Chief"""
)

# Nicknames a person gives at another agency. Spanish diminutives first: these are the ones a
# plain string comparison misses (Chuy/Jesús, Lupe/Guadalupe, Pepe/José, Paco/Francisco).
NICKNAMES: dict[str, tuple[str, ...]] = {
    "Jesús": ("Chuy", "Jesse", "Chucho"),
    "Guadalupe": ("Lupe", "Lupita"),
    "José": ("Pepe", "Joe", "Chepe"),
    "Francisco": ("Paco", "Pancho", "Frank", "Kiko"),
    "Alejandro": ("Alex", "Álex"),
    "Alejandra": ("Alex", "Ale"),
    "Roberto": ("Beto", "Bob"),
    "Alberto": ("Beto",),
    "Enrique": ("Kike", "Henry"),
    "Ignacio": ("Nacho",),
    "Eduardo": ("Lalo", "Eddie"),
    "Manuel": ("Manny", "Manolo"),
    "Antonio": ("Toño", "Tony"),
    "Guillermo": ("Memo", "William"),
    "Concepción": ("Concha", "Conchita"),
    "Dolores": ("Lola", "Lolita"),
    "Rosario": ("Chayo",),
    "Socorro": ("Coco",),
    "Refugio": ("Cuco", "Cuca"),
    "Josefina": ("Josie", "Pepa"),
    "Margarita": ("Maggie", "Margie"),
    "Graciela": ("Chela",),
    "Juan": ("Johnny", "Juanito"),
    "Miguel": ("Mike",),
    "Pedro": ("Pete",),
    "Rafael": ("Rafa", "Ralph"),
    "Ramón": ("Monchi",),
    "Salvador": ("Chava",),
    "Gerardo": ("Jerry",),
    "Fernando": ("Nando",),
    "Ricardo": ("Richie", "Rick"),
    "Guillermina": ("Mina",),
    "María": ("Mari",),
    "Isabel": ("Chabela", "Isa"),
    "Robert": ("Bob", "Bobby", "Rob"),
    "William": ("Bill", "Billy", "Will"),
    "Richard": ("Rick", "Rich", "Dick"),
    "James": ("Jim", "Jimmy", "Jamie"),
    "Michael": ("Mike", "Mikey"),
    "John": ("Johnny", "Jack"),
    "Elizabeth": ("Liz", "Beth", "Betty"),
    "Jennifer": ("Jen", "Jenny"),
    "Katherine": ("Kate", "Katie", "Kathy"),
    "Catherine": ("Cathy", "Cat"),
    "Christopher": ("Chris",),
    "Anthony": ("Tony", "Ant"),
    "Joseph": ("Joe", "Joey"),
    "Thomas": ("Tom", "Tommy"),
    "Daniel": ("Dan", "Danny"),
    "Matthew": ("Matt",),
    "Jeffrey": ("Jeff",),
    "Timothy": ("Tim",),
    "Kenneth": ("Ken", "Kenny"),
    "Patricia": ("Pat", "Patty", "Trish"),
    "Deborah": ("Deb", "Debbie"),
    "Rebecca": ("Becky",),
    "Samantha": ("Sam",),
    "Stephanie": ("Steph",),
    "Nicholas": ("Nick",),
    "Benjamin": ("Ben",),
    "Jonathan": ("Jon",),
    "Edward": ("Ed", "Eddie"),
    "Charles": ("Charlie", "Chuck"),
    "Donald": ("Don", "Donnie"),
    "Ronald": ("Ron", "Ronnie"),
    "Gregory": ("Greg",),
    "Steven": ("Steve",),
    "Stephen": ("Steve",),
    "Andrew": ("Andy", "Drew"),
    "Reginald": ("Reggie",),
    "Frederick": ("Fred",),
    "Raymond": ("Ray",),
    "Samuel": ("Sam",),
    "Dorothy": ("Dot", "Dottie"),
    "Gwendolyn": ("Gwen",),
    "Cynthia": ("Cindy",),
    "Kimberly": ("Kim",),
    "Jacqueline": ("Jackie",),
    "Alexander": ("Alex",),
    "Margaret": ("Peggy", "Maggie"),
    "Barbara": ("Barb",),
    "Victoria": ("Vicky", "Tori"),
    "Zachary": ("Zach",),
    "Vincent": ("Vince",),
    "Hovhannes": ("John", "Hovo"),
    "Hagop": ("Jack",),
}

# Common Spanish spellings (and English ones) a clerk may write for the same given name.
SPELLING_VARIANTS: dict[str, tuple[str, ...]] = {
    "Jacqueline": ("Jaqueline", "Jackeline"),
    "Yesenia": ("Jesenia",),
    "Érik": ("Erick", "Eric"),
    "Cristian": ("Christian",),
    "Bryan": ("Brian",),
    "Jasmine": ("Jazmin", "Yasmin"),
    "Vásquez": ("Vazquez",),
    "Velásquez": ("Velazquez",),
    "Cortez": ("Cortes",),
    "Gutiérrez": ("Gutierres",),
}
